/**
 * A time in a table cell: the date above the time of day, so the column stays narrow.
 * `placeholder` shows a planned time (a scheduled start) greyed, until the real one exists.
 */
import { formatTime } from "../jobs/format";

export function TimeCell({ iso, placeholder = null }: {
  iso: string | null; placeholder?: string | null;
}) {
  const shown = iso ?? placeholder;
  if (!shown) return <span class="muted">—</span>;
  const [date, time] = formatTime(shown).split(" ");
  const planned = !iso;
  return (
    <time class={`time${planned ? " time--planned" : ""}`} dateTime={shown}
          title={planned ? `Scheduled to start ${formatTime(shown)}` : formatTime(shown)}>
      <span class="time__date">{date}</span> <span class="time__clock">{planned ? `≥ ${time}` : time}</span>
    </time>
  );
}
