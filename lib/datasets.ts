/**
 * The dataset pages and commands use when none is named: ImageNet-1k's validation set, which
 * every published study labels. Kept apart from the importers so pages need not load them.
 */
export const DEFAULT_DATASET = "imagenet-val";
