/** A progress bar on a terminal, nothing otherwise (a pipe or a log gets the summary line only). */
import cliProgress from 'cli-progress';

export interface ProgressBar {
  /** `done` of `total`, at `stage` (shown when the format names {stage}); starts the bar. */
  update(done: number, total: number, stage?: string): void;
  stop(): void;
}

export function progressBar(format: string): ProgressBar {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, stage) {
      if (!started) {
        bar.start(total, 0, { stage });
        started = true;
      }
      bar.update(done, { stage });
    },
    stop: () => bar.stop(),
  };
}
