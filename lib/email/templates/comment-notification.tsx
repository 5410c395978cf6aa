import { Text } from "@react-email/components";
import type { CommentEmailData } from "../../comments/moderation";
import type { RenderContext } from "../template-data";
import { CallToAction, EmailLayout, MultiLine, Paragraph, Subtitle, Title } from "./layout";
import { s } from "./styles";
import { greeting, str, url } from "./values";

/**
 * The commenter's two emails: their comment is published, or staff replied to it. Each
 * carries a one-click opt-out (the dispatcher adds the link and List-Unsubscribe header).
 */

const OPT_OUT = { prompt: "Do not want emails about your comments?", action: "Stop these emails" };

function CommentEmail({ data, ctx, kind }: { data: CommentEmailData; ctx: RenderContext; kind: "published" | "reply" }) {
  const title = str(data.articleTitle) ?? "our career guide";
  const link = url(data.articleUrl);
  const reply = str(data.reply);
  const heading = kind === "published" ? "Your comment is published" : "We replied to your comment";
  return (
    <EmailLayout
      preview={
        kind === "published" ? `Your comment on "${title}" is now live.` : `${str(data.replyAuthor) ?? "Our team"} replied to your comment on "${title}".`
      }
      ctx={ctx}
      unsubscribe={OPT_OUT}
      footerNote={<>You are receiving this email because you left a comment on our website and asked to hear when it is published or answered.</>}
    >
      <Title>{heading}</Title>
      <Paragraph>{greeting(data.name)}</Paragraph>
      <Paragraph>
        {kind === "published"
          ? `Thank you for your comment on "${title}". A moderator approved it, and it now appears under the article.`
          : `${str(data.replyAuthor) ?? "Our team"} replied to your comment on "${title}".`}
      </Paragraph>
      {reply ? (
        <>
          <Subtitle>The reply</Subtitle>
          <Text style={s.quote}>
            <MultiLine text={reply} />
          </Text>
        </>
      ) : null}
      <Subtitle>Your comment</Subtitle>
      <Text style={s.quote}>
        <MultiLine text={str(data.comment) ?? ""} />
      </Text>
      {link ? <CallToAction href={link}>Read it on the article</CallToAction> : null}
    </EmailLayout>
  );
}

export function CommentPublishedEmail(props: { data: CommentEmailData; ctx: RenderContext }) {
  return <CommentEmail {...props} kind="published" />;
}

export function CommentReplyEmail(props: { data: CommentEmailData; ctx: RenderContext }) {
  return <CommentEmail {...props} kind="reply" />;
}
