#define _GNU_SOURCE
#include "CEditLine.h"

EditLine *cel_init_stdio(const char *prog) { return el_init(prog, stdin, stdout, stderr); }
FILE *cel_stdout(void) { return stdout; }
int cel_set_prompt_esc(EditLine *el, cel_prompt_fn fn, char ignore) { return el_set(el, EL_PROMPT_ESC, fn, ignore); }
int cel_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int cel_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
int cel_get_editmode(EditLine *el) { int mode = 0; return el_get(el, EL_EDITMODE, &mode) == 0 ? mode : 0; }
int cel_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
void *cel_get_clientdata(EditLine *el) { void *data = NULL; el_get(el, EL_CLIENTDATA, &data); return data; }
int cel_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
int cel_add_function(EditLine *el, const char *name, const char *help, cel_command_fn fn) { return el_set(el, EL_ADDFN, name, help, fn); }
int cel_bind(EditLine *el, const char *key, const char *fn) { return el_set(el, EL_BIND, key, fn, (const char *)NULL); }
int cel_setty(EditLine *el, const char *a1, const char *a2) { return el_set(el, EL_SETTY, a1, a2, (const char *)NULL); }

int cel_history_setsize(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
int cel_history_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
int cel_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
int cel_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
int cel_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
int cel_history_clear(History *h) { HistEvent ev; return history(h, &ev, H_CLEAR); }
const char *cel_history_next_line(History *h, int first) { HistEvent ev; return history(h, &ev, first ? H_FIRST : H_NEXT) == 0 ? ev.str : NULL; }
