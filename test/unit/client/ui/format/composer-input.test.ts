// Unit tests for client/ui/format/composer-input.ts: the file commands `/file` (the Lobby) and
// `/filew name` (one person), next to the whisper command, unknown commands, and plain text.

import { describe, expect, it } from 'vitest';
import {
  FILE_USAGE,
  parseComposerInput,
  unknownCommand,
  WHISPER_USAGE,
} from '../../../../../client/ui/format/composer-input';

describe('parseComposerInput: file commands', () => {
  it('reads `/file` as "pick a file for the Lobby", even in a private tab', () => {
    expect(parseComposerInput('/file', null)).toEqual({ kind: 'file', to: null });
    expect(parseComposerInput('  /file  ', 'bob')).toEqual({ kind: 'file', to: null });
  });

  it('reads `/filew name` as "pick a file for name alone"', () => {
    expect(parseComposerInput('/filew bob', null)).toEqual({ kind: 'file', to: 'bob' });
    expect(parseComposerInput('/filew   Carol_2 ', 'bob')).toEqual({ kind: 'file', to: 'Carol_2' });
  });

  it('accepts the commands in any letter case', () => {
    expect(parseComposerInput('/FILE', null)).toEqual({ kind: 'file', to: null });
    expect(parseComposerInput('/FileW bob', null)).toEqual({ kind: 'file', to: 'bob' });
  });

  it('explains the usage for `/filew` without a name, with two names, or `/file` with one', () => {
    for (const input of ['/filew', '/filew ', '/filew bob carol', '/file bob']) {
      expect(parseComposerInput(input, null)).toEqual({ kind: 'invalid', message: FILE_USAGE });
    }
  });

  it('calls any other slash word an unknown command, listing the real ones, instead of sending it', () => {
    expect(parseComposerInput('/files are great', null)).toEqual({
      kind: 'invalid',
      message: unknownCommand('files'),
    });
    expect(parseComposerInput('/foo bar', 'bob')).toEqual({
      kind: 'invalid',
      message: unknownCommand('foo'),
    });
    expect(parseComposerInput('/shrug', null)).toEqual({ kind: 'invalid', message: unknownCommand('shrug') });
    expect(unknownCommand('foo')).toMatch(
      /no command \/foo\. Commands: \/w name message, \/file, \/filew name/,
    );
  });

  it('sends text that only looks like a command: paths, a lone slash, and // for a leading slash', () => {
    expect(parseComposerInput('/usr/bin is a path', null)).toEqual({
      kind: 'public',
      text: '/usr/bin is a path',
    });
    expect(parseComposerInput('/ alone', null)).toEqual({ kind: 'public', text: '/ alone' });
    expect(parseComposerInput('//foo bar', null)).toEqual({ kind: 'public', text: '/foo bar' });
    expect(parseComposerInput('  //w bob hi', 'bob')).toEqual({
      kind: 'private',
      to: 'bob',
      text: '/w bob hi',
    });
    expect(parseComposerInput('file', null)).toEqual({ kind: 'public', text: 'file' });
  });

  it('still reads whispers and plain text as before', () => {
    expect(parseComposerInput('/w bob hi', null)).toEqual({ kind: 'private', to: 'bob', text: 'hi' });
    expect(parseComposerInput('/w bob', null)).toEqual({ kind: 'invalid', message: WHISPER_USAGE });
    expect(parseComposerInput('hello', 'bob')).toEqual({ kind: 'private', to: 'bob', text: 'hello' });
    expect(parseComposerInput('   ', null)).toEqual({ kind: 'empty' });
  });
});
