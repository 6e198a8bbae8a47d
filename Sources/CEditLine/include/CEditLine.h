#ifndef CEDITLINE_H
#define CEDITLINE_H
#include <stdio.h>
#include <histedit.h>

// Non-variadic wrappers over libedit's el_set/el_get/history (Swift cannot call variadics).
// Each is a single call, no logic; the comment names the call it wraps.

/// A prompt callback: returns a string that stays valid until the next call.
typedef char *(*cel_prompt_fn)(EditLine *);
/// A key-bound editor command: returns one of the CC_* codes.
typedef unsigned char (*cel_command_fn)(EditLine *, int);

/// el_init(prog, stdin, stdout, stderr).
EditLine *cel_init_stdio(const char *prog);
/// The C library's stdout (the FILE* libedit writes to); Swift 6 cannot touch the global.
FILE *cel_stdout(void);
/// el_set(el, EL_PROMPT_ESC, fn, ignore): characters between two `ignore` chars take no width.
int cel_set_prompt_esc(EditLine *el, cel_prompt_fn fn, char ignore);
/// el_set(el, EL_EDITOR, mode): "emacs" or "vi".
int cel_set_editor(EditLine *el, const char *mode);
/// el_set(el, EL_SIGNAL, on): libedit restores the tty on TSTP/TERM/HUP and handles WINCH.
int cel_set_signal(EditLine *el, int on);
/// el_get(el, EL_EDITMODE, &mode): 1 when editing is on (a terminal), else 0.
int cel_get_editmode(EditLine *el);
/// el_set(el, EL_CLIENTDATA, data).
int cel_set_clientdata(EditLine *el, void *data);
/// el_get(el, EL_CLIENTDATA, &data).
void *cel_get_clientdata(EditLine *el);
/// el_set(el, EL_HIST, history, h): Up/Down and ^R browse `h`.
int cel_set_history(EditLine *el, History *h);
/// el_set(el, EL_ADDFN, name, help, fn).
int cel_add_function(EditLine *el, const char *name, const char *help, cel_command_fn fn);
/// el_set(el, EL_BIND, key, fn, NULL).
int cel_bind(EditLine *el, const char *key, const char *fn);
/// el_set(el, EL_SETTY, a1, a2, NULL), e.g. "-d", "-isig".
int cel_setty(EditLine *el, const char *a1, const char *a2);

/// history(h, &ev, H_SETSIZE, size).
int cel_history_setsize(History *h, int size);
/// history(h, &ev, H_SETUNIQUE, on): consecutive duplicates are not entered.
int cel_history_setunique(History *h, int on);
/// history(h, &ev, H_ENTER, line): a new entry (H_ADD would append to the current one).
int cel_history_enter(History *h, const char *line);
/// history(h, &ev, H_LOAD, path): the number of entries read, or -1.
int cel_history_load(History *h, const char *path);
/// history(h, &ev, H_SAVE, path): the number of entries written (mode 0600), or -1.
int cel_history_save(History *h, const char *path);
/// history(h, &ev, H_CLEAR).
int cel_history_clear(History *h);
/// history(h, &ev, first ? H_FIRST : H_NEXT): the entry's text (newest first), or NULL.
const char *cel_history_next_line(History *h, int first);

#endif
