import type { DigestTask, RenderContext, TaskDigestData } from "../template-data";
import { CallToAction, EmailLayout, Paragraph, SafeLink, Steps, Subtitle, Title } from "./layout";
import { count, greeting, str } from "./values";

/** The data's list, or none when it is not one (old or hand-edited rows), without entries that are not objects. */
function list<T>(value: T[] | undefined): Partial<T>[] {
  return Array.isArray(value) ? value.filter((v): v is T => typeof v === "object" && v !== null) : [];
}

const more = (n: unknown) => (typeof n === "number" && Number.isInteger(n) && n > 0 ? n : 0);

/** "3 overdue, 2 due today, 1 lead without a next task": the subject's and preview's summary. */
export function digestSummary(d: TaskDigestData): string {
  const overdue = list(d.overdue).length + more(d.overdueMore);
  const today = list(d.today).length + more(d.todayMore);
  const flagged = list(d.noNextTask).length + more(d.noNextTaskMore);
  const parts = [
    overdue ? `${count(overdue)} overdue` : null,
    today ? `${count(today)} due today` : null,
    flagged ? `${count(flagged)} ${flagged === 1 ? "lead" : "leads"} without a next task` : null,
  ].filter(Boolean);
  return parts.join(", ") || "nothing due";
}

export const taskDigestSubject = (d: TaskDigestData) => `Your tasks: ${digestSummary(d)}`;

function TaskList({ tasks, extra }: { tasks: DigestTask[] | undefined; extra: unknown }) {
  const items = list(tasks).map((t, i) => (
    <span key={i}>
      {str(t.kind) ?? "Task"}: <SafeLink href={t.url}>{str(t.lead) ?? "a lead"}</SafeLink>, due {str(t.due) ?? "—"}
      {str(t.title) ? ` (${t.title})` : ""}
    </span>
  ));
  if (more(extra)) items.push(<span key="more">and {count(more(extra))} more</span>);
  return <Steps items={items} />;
}

/** A staff member's morning list: overdue, due today, and leads nobody has a next step for. */
export function TaskDigestEmail({ data, ctx }: { data: TaskDigestData; ctx: RenderContext }) {
  const flagged = list(data.noNextTask).map((l, i) => (
    <span key={i}>
      <SafeLink href={l.url}>{str(l.lead) ?? "a lead"}</SafeLink> ({str(l.status) ?? "open"})
    </span>
  ));
  if (more(data.noNextTaskMore)) flagged.push(<span key="more">and {count(more(data.noNextTaskMore))} more</span>);
  return (
    <EmailLayout
      preview={`Your tasks for ${str(data.date) ?? "today"}: ${digestSummary(data)}`}
      ctx={ctx}
      footerNote="Sent to staff once a day when they have tasks due or leads without a next task."
    >
      <Title>Your tasks for {str(data.date) ?? "today"}</Title>
      <Paragraph>{greeting(str(data.name))}</Paragraph>
      <Paragraph>Times are in {str(data.timeZone) ?? "UTC"}.</Paragraph>
      {list(data.overdue).length ? (
        <>
          <Subtitle>Overdue</Subtitle>
          <TaskList tasks={data.overdue} extra={data.overdueMore} />
        </>
      ) : null}
      {list(data.today).length ? (
        <>
          <Subtitle>Due today</Subtitle>
          <TaskList tasks={data.today} extra={data.todayMore} />
        </>
      ) : null}
      {flagged.length ? (
        <>
          <Subtitle>Leads without a next task</Subtitle>
          <Paragraph>You own these leads, they have been contacted and are still open, but nobody has a task on them.</Paragraph>
          <Steps items={flagged} />
        </>
      ) : null}
      <CallToAction href={data.tasksUrl}>Open my tasks</CallToAction>
    </EmailLayout>
  );
}
