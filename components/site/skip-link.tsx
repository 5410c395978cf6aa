/**
 * The first stop of the keyboard on every page: a link past the header to <main id="main">,
 * hidden until it has focus. `className` places and colours it for the page's header.
 */
export function SkipLink({ className }: { className: string }) {
  return (
    <a href="#main" className={`sr-only focus:not-sr-only focus:absolute focus:left-4 focus:px-4 focus:py-2 ${className}`}>
      Skip to content
    </a>
  );
}
