import Link from "next/link";
import { SearchSection } from "@/components/ui/search-section";
import type { ImageSearchRow } from "@/lib/data/image-search";

/** Reviewers find any image by file name and open its timeline. */
export function ImageSearch({ images, query }: { images: ImageSearchRow[]; query: string }) {
  return (
    <SearchSection id="image-search" title="Find an image" param="image" query={query} label="Search images by file name" placeholder="File name" count={images.length} empty={query ? `No image name contains “${query}”.` : undefined}>
      {images.map((image) => (
        <li key={image.id} className="flex items-center gap-4 px-4 py-2">
          <Link href={`/review/${image.id}/timeline`} className="font-mono text-indigo-700 hover:underline" aria-label={`Timeline of ${image.fileKey}`}>
            {image.fileKey}
          </Link>
          <span className="text-slate-500">{image.dataset}</span>
        </li>
      ))}
    </SearchSection>
  );
}
