// A key fingerprint (`A9:ED:…`) that wraps only between byte pairs. The <wbr> hints add no
// text, so the element's text content stays exactly the fingerprint.

export function FingerprintText({ value, class: className }: { value: string; class?: string }) {
  const pairs = value.split(':');
  return (
    <code class={`fingerprint-code${className ? ` ${className}` : ''}`}>
      {pairs.map((pair, index) => (
        // Pairs can repeat, so their position is their identity.
        <span key={index}>
          {pair}
          {index < pairs.length - 1 && ':'}
          <wbr />
        </span>
      ))}
    </code>
  );
}
