import { initials } from "@/lib/people/photo";
import type { PersonView } from "@/lib/people/instructors";

/** A person's photo, or their initials on a tinted disc when there is none (decorative: the name is next to it). */
export function PersonPhoto({ person, size = 96 }: { person: Pick<PersonView, "name" | "photo">; size?: number }) {
  if (person.photo) {
    // A plain <img>: these pages ship no JavaScript, and the photo route sets long cache headers.
    return (
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={person.photo.src}
        alt={person.photo.alt}
        width={size}
        height={size}
        loading="lazy"
        className="shrink-0 rounded-full object-cover"
        style={{ width: size, height: size }}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className="flex shrink-0 items-center justify-center rounded-full bg-brand-soft font-semibold text-brand"
      style={{ width: size, height: size, fontSize: size / 3 }}
    >
      {initials(person.name)}
    </span>
  );
}

/** An instructor or advisor: photo, name, role, bio and the programs they teach. */
export function PersonCard({ person, headingLevel = 3, showPrograms = true }: { person: PersonView; headingLevel?: 3 | 4; showPrograms?: boolean }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <li className="flex gap-5 rounded-2xl border border-ink/10 bg-white p-5">
      <PersonPhoto person={person} size={80} />
      <div>
        <Heading className="text-lg font-semibold">{person.name}</Heading>
        <p className="text-sm font-medium text-brand">{person.role}</p>
        <p className="mt-2 leading-7 text-ink/85">{person.bio}</p>
        {showPrograms && person.programs.length > 0 && (
          <p className="mt-2 text-sm text-ink/75">
            Teaches:{" "}
            {person.programs.map((p, i) => (
              <span key={p.slug}>
                {i > 0 && ", "}
                <a href={`/programs/${p.slug}`} className="text-brand underline underline-offset-2">
                  {p.name}
                </a>
              </span>
            ))}
          </p>
        )}
      </div>
    </li>
  );
}
