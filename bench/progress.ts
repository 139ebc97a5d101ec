/** A one-line progress bar on stderr: "complaints [#####-----] 52% 520,000/1,000,000 41 s, ~38 s left". */
export function progressBar(label: string, total: number) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let shown = 0;
  let decile = -1;
  const draw = (done: number, final = false) => {
    const now = Date.now();
    // Redraw at most 5 times a second; without a terminal (a log file), a line every 10%.
    if (!final && tty && now - shown < 200) return;
    if (!final && !tty && Math.floor((done * 10) / total) === decile) return;
    shown = now;
    decile = Math.floor((done * 10) / total);
    const share = total ? done / total : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const seconds = (now - started) / 1000;
    const left = share > 0 && !final ? `, ~${Math.round(seconds / share - seconds)} s left` : "";
    const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.floor(share * 100)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${seconds.toFixed(0)} s${left}`;
    process.stderr.write(tty ? `\r${line}\x1b[K${final ? "\n" : ""}` : `${line}\n`);
  };
  return {
    tick: (done: number) => draw(done),
    done: () => {
      draw(total, true);
      return (Date.now() - started) / 1000;
    },
  };
}
