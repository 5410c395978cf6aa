/**
 * Regenerates a page on demand so that it shows a write committed before this call. Next
 * shares a regeneration of the same page that is already under way (say, started by a second
 * moderator's approval a moment earlier, before our write), so one call can return that older
 * result. A second call, made once the first has finished, can only share a regeneration that
 * began after our write, so the page it leaves in the cache includes it.
 */
export async function revalidateFresh(revalidate: (path: string) => Promise<void>, path: string): Promise<void> {
  await revalidate(path);
  await revalidate(path);
}
