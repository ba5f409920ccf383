/**
 * Text from outside (server versions and messages, profile descriptions, file contents) is printed
 * only after its control characters are removed: an ESC sequence in an Odoo message must not move
 * the cursor, clear the screen or retitle the terminal. Newlines and tabs are kept where asked.
 */

// C0 controls (except \t and \n), DEL and C1 controls (0x80–0x9f, including CSI 0x9b).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_AND_NEWLINES = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` without control characters; tabs and newlines are kept unless `singleLine`. */
export function stripControl(text: string, singleLine = false): string {
  return text.replace(singleLine ? CONTROL_AND_NEWLINES : CONTROL, singleLine ? ' ' : '');
}
