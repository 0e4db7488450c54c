import type { SourceSpec } from "@/lib/import/load/sources";

/** Provenance of every published source Relabel knows how to import. */
export const KNOWN_SOURCES = {
  original: {
    name: "original",
    kind: "ORIGINAL",
    title: "Original ImageNet label",
    citation: "Russakovsky et al., ImageNet Large Scale Visual Recognition Challenge, IJCV 2015",
    url: "https://image-net.org/challenges/LSVRC/2012/",
  },
  real: {
    name: "real",
    kind: "STUDY",
    title: "ReaL (Beyer et al. 2020)",
    citation: "Beyer, Hénaff, Kolesnikov, Zhai, van den Oord. Are we done with ImageNet? arXiv:2006.07159",
    url: "https://github.com/google-research/reassessed-imagenet",
  },
  northcutt: {
    name: "northcutt",
    kind: "STUDY",
    title: "Northcutt et al. 2021 (label errors)",
    citation: "Northcutt, Athalye, Mueller. Pervasive Label Errors in Test Sets Destabilize Machine Learning Benchmarks. NeurIPS 2021 Datasets and Benchmarks",
    url: "https://github.com/cleanlab/label-errors",
  },
  multilabel: {
    name: "multilabel",
    kind: "STUDY",
    title: "Multilabel (Shankar et al. 2020, corrected by Vasudevan et al. 2022)",
    citation: "Shankar et al. Evaluating Machine Accuracy on ImageNet. ICML 2020; Vasudevan et al. When does dough become a bagel? NeurIPS 2022",
    url: "https://github.com/modestyachts/evaluating_machine_accuracy_on_imagenet",
  },
  tsipras: {
    name: "tsipras",
    kind: "STUDY",
    title: "Tsipras et al. 2020 (fine-grained)",
    citation: "Tsipras, Santurkar, Engstrom, Ilyas, Madry. From ImageNet to Image Classification: Contextualizing Progress on Benchmarks. ICML 2020",
    url: "https://github.com/MadryLab/ImageNetMultiLabel",
  },
  flawsClean: {
    name: "flaws-clean",
    kind: "STUDY",
    title: "Flaws of ImageNet clean validation set (Kisel et al. 2025)",
    citation: "Kisel, Kirillov, Lukasik, Beyer. Flaws of ImageNet, Computer Vision's Favourite Dataset. ICLR 2025 blog track",
    url: "https://github.com/klarajanouskova/ImageNet",
  },
  weaselExperts: {
    name: "flaws-weasel-experts",
    kind: "EXPERT",
    title: "Weasel-family expert labels (Kisel et al. 2025)",
    citation: "Kisel, Kirillov, Lukasik, Beyer. Flaws of ImageNet, Computer Vision's Favourite Dataset. ICLR 2025 blog track",
    url: "https://github.com/klarajanouskova/ImageNet",
  },
} as const satisfies Record<string, SourceSpec>;

/** Display names of the models whose published predictions ship with ImageNetV2. */
export const MODEL_TITLES: Record<string, string> = {
  alexnet: "AlexNet",
  resnet50: "ResNet-50",
  inception_resnet_v2_tf: "Inception-ResNet-v2",
  senet154: "SENet-154",
  nasnetalarge: "NASNet-A Large",
  pnasnet_large_tf: "PNASNet-5 Large",
};
