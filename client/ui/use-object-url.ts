// A blob: URL for a Blob while the component using it is mounted; revoked when it unmounts or
// the Blob changes, so closed cards and tabs do not keep their files alive through URLs.

import { useEffect, useState } from 'preact/hooks';

export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [blob]);
  return url;
}
