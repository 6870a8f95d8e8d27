/**
 * File names that are never picked up from a drop folder or an SFTP mailbox: names writers use while a
 * file is still being written (the contract is write to a temp name, then rename), and hidden files.
 *
 * - dotfiles (`.x12.part`, `.processed`, `.DS_Store`)
 * - `*.tmp`, `*.part`, `*.filepart` (WinSCP), case-insensitive
 * - `~*` (editors, Office lock files)
 */
export function isTempName(name: string): boolean {
  if (name === '' || name.startsWith('.') || name.startsWith('~')) return true;
  return /\.(tmp|part|filepart)$/i.test(name);
}

/**
 * The name to try for the `attempt`th time when a file is moved or archived where its name may be taken:
 * attempt 0 is the name itself; later attempts add a UTC time stamp, then a counter, before the extension
 * (`claims.x12`, `claims-20250102T030405678Z.x12`, `claims-20250102T030405678Z-2.x12`). A leading dot is
 * not taken for an extension.
 */
export function uniqueName(name: string, attempt: number, now: Date = new Date()): string {
  if (attempt <= 0) return name;
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const suffix = attempt === 1 ? `-${stamp}` : `-${stamp}-${attempt}`;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${name}${suffix}`;
  return `${name.slice(0, dot)}${suffix}${name.slice(dot)}`;
}
