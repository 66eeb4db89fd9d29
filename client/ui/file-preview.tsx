// A verified file: its "Download" link (saves it under its sanitised name, ending in the extension
// of its detected type: savedFileName) and, for images, audio and video, an inline preview or
// player. Both use one blob: URL (img-src/media-src blob:).

import { savedFileName } from '#protocol/file-name';
import { previewKind } from './format/file-card-text';
import { useObjectUrl } from './use-object-url';

export function FilePreview({ blob, name }: { blob: Blob; name: string }) {
  const url = useObjectUrl(blob);
  if (!url) return null;
  const kind = previewKind(blob.type);
  return (
    <>
      {kind === 'image' && <img class="file-preview" src={url} alt={name} />}
      {kind === 'audio' && (
        // biome-ignore lint/a11y/useMediaCaption: a shared recording comes with no caption track.
        <audio class="file-preview" controls src={url} aria-label={name} />
      )}
      {kind === 'video' && (
        // biome-ignore lint/a11y/useMediaCaption: a shared clip comes with no caption track.
        <video class="file-preview" controls src={url} aria-label={name} />
      )}
      <a class="button file-download" href={url} download={savedFileName(name, blob.type)}>
        Download
      </a>
    </>
  );
}
