/** Shell-quotes one word for a POSIX shell (as printed in commands to copy, and in pod commands). */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
