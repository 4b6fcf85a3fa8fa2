/**
 * Text into HTML or SVG. Everything a student controls (what their code printed, messages that
 * quote their values, file and folder names) goes through here, so that a printed `<script>` is
 * shown as text and never becomes markup.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe both as element text and inside a quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/**
 * A relative link to a file under the page's folder: each path segment percent-encoded, then
 * escaped for the attribute, so that a student id like `a#b` or `"><x` stays one path.
 */
export function hrefOf(segments: readonly string[]): string {
  return escapeHtml(segments.map((segment) => encodeURIComponent(segment)).join('/'));
}

/** A check's or a report's status as the coloured label both pages use. */
export function statusBadge(status: string): string {
  return `<span class="status status-${escapeHtml(status)}">${escapeHtml(status)}</span>`;
}
