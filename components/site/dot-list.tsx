/**
 * A bulleted list in the brand's style, a saffron dot before each item: a program's
 * outcomes, a form's next steps, the newsletter's perks. The dots are decorative.
 */
export function DotList({ items, className }: { items: readonly string[]; /** Spacing: "mt-5 space-y-3". */ className: string }) {
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item} className="flex gap-3 leading-7">
          <span aria-hidden="true" className="mt-2.5 h-2 w-2 shrink-0 rounded-full bg-accent" />
          <span>{item}</span>
        </li>
      ))}
    </ul>
  );
}
