/*
 * shim.h - Waymark's C boundary over wide-character ncurses (ncursesw).
 *
 * Only Sources/Terminal/NcursesBackend.swift imports this module. Everything
 * Swift 6 cannot import or use safely (global variables such as stdscr, LINES,
 * COLS, ESCDELAY and acs_map; function-like macros such as COLOR_PAIR, A_*,
 * getmaxyx and KEY_F; the setcchar + mvadd_wch pair) is wrapped here in a
 * static inline function whose name starts with wm_.
 */
#ifndef WAYMARK_CNCURSES_SHIM_H
#define WAYMARK_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#if __has_include(<ncursesw/ncurses.h>)
#include <ncursesw/ncurses.h>
#else
#include <ncurses.h>
#endif

/* ---- standard streams and locale ---------------------------------------- */

/** The C standard output stream (a global variable in libc). */
static inline FILE *wm_stdout(void) { return stdout; }
/** The C standard input stream (a global variable in libc). */
static inline FILE *wm_stdin(void) { return stdin; }

/** Adopts the locale of the environment (LANG, LC_ALL, ...); 1 when it worked. */
static inline int wm_setlocale_from_environment(void) {
    return setlocale(LC_ALL, "") != NULL;
}

/** 1 when the current locale's character set is UTF-8. */
static inline int wm_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0;
}

/** Display width of one wide character in the current locale (-1: unprintable). */
static inline int wm_wcwidth(wchar_t wc) { return wcwidth(wc); }

/* ---- screen globals ----------------------------------------------------- */

static inline WINDOW *wm_stdscr(void) { return stdscr; }
static inline int wm_lines(void) { return LINES; }
static inline int wm_cols(void) { return COLS; }
static inline int wm_color_pairs(void) { return COLOR_PAIRS; }
static inline int wm_colors(void) { return COLORS; }
static inline int wm_set_escdelay(int ms) { return set_escdelay(ms); }
static inline void wm_getmaxyx(WINDOW *win, int *y, int *x) {
    int rows = 0, cols = 0;
    getmaxyx(win, rows, cols);
    *y = rows;
    *x = cols;
}

/** 1 when the terminal can move the cursor to any position (has `cup`). */
static inline int wm_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/* ---- return codes and keys ---------------------------------------------- */

static inline int wm_ok(void) { return OK; }
static inline int wm_err(void) { return ERR; }
static inline int wm_key_code_yes(void) { return KEY_CODE_YES; }
static inline int wm_key_resize(void) { return KEY_RESIZE; }
static inline int wm_key_up(void) { return KEY_UP; }
static inline int wm_key_down(void) { return KEY_DOWN; }
static inline int wm_key_left(void) { return KEY_LEFT; }
static inline int wm_key_right(void) { return KEY_RIGHT; }
static inline int wm_key_sup(void) { return KEY_SR; }
static inline int wm_key_sdown(void) { return KEY_SF; }
static inline int wm_key_sleft(void) { return KEY_SLEFT; }
static inline int wm_key_sright(void) { return KEY_SRIGHT; }
static inline int wm_key_ppage(void) { return KEY_PPAGE; }
static inline int wm_key_npage(void) { return KEY_NPAGE; }
static inline int wm_key_home(void) { return KEY_HOME; }
static inline int wm_key_end(void) { return KEY_END; }
static inline int wm_key_a1(void) { return KEY_A1; }
static inline int wm_key_c1(void) { return KEY_C1; }
static inline int wm_key_a3(void) { return KEY_A3; }
static inline int wm_key_c3(void) { return KEY_C3; }
static inline int wm_key_enter(void) { return KEY_ENTER; }
static inline int wm_key_backspace(void) { return KEY_BACKSPACE; }
static inline int wm_key_dc(void) { return KEY_DC; }
static inline int wm_key_ic(void) { return KEY_IC; }
static inline int wm_key_btab(void) { return KEY_BTAB; }
static inline int wm_key_f(int n) { return KEY_F(n); }

/* ---- attributes and colours --------------------------------------------- */

static inline attr_t wm_a_normal(void) { return A_NORMAL; }
static inline attr_t wm_a_reverse(void) { return A_REVERSE; }
static inline attr_t wm_a_bold(void) { return A_BOLD; }
static inline attr_t wm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t wm_a_dim(void) { return A_DIM; }
static inline attr_t wm_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

/* ---- line drawing (for locales that are not UTF-8) ---------------------- */

static inline chtype wm_acs_hline(void) { return ACS_HLINE; }
static inline chtype wm_acs_vline(void) { return ACS_VLINE; }
static inline chtype wm_acs_ulcorner(void) { return ACS_ULCORNER; }
static inline chtype wm_acs_urcorner(void) { return ACS_URCORNER; }
static inline chtype wm_acs_llcorner(void) { return ACS_LLCORNER; }
static inline chtype wm_acs_lrcorner(void) { return ACS_LRCORNER; }
static inline chtype wm_acs_ltee(void) { return ACS_LTEE; }
static inline chtype wm_acs_rtee(void) { return ACS_RTEE; }
static inline chtype wm_acs_ttee(void) { return ACS_TTEE; }
static inline chtype wm_acs_btee(void) { return ACS_BTEE; }
static inline chtype wm_acs_plus(void) { return ACS_PLUS; }
static inline chtype wm_acs_block(void) { return ACS_BLOCK; }

/* ---- drawing ------------------------------------------------------------ */

/**
 * Puts one cell: `wch` is a NUL-terminated spacing character followed by at
 * most CCHARW_MAX - 1 non-spacing characters. Returns OK or ERR.
 */
static inline int wm_put_wch(int y, int x, const wchar_t *wch, attr_t attr, short pair) {
    cchar_t cell;
    if (setcchar(&cell, wch, attr, pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/** Puts one single-byte or line-drawing character (chtype) with attributes. */
static inline int wm_put_ch(int y, int x, chtype ch, attr_t attr, short pair) {
    return mvaddch(y, x, ch | attr | COLOR_PAIR(pair));
}

/** Maximum number of wide characters in one cchar_t. */
static inline int wm_ccharw_max(void) { return CCHARW_MAX; }

/* ---- signals ------------------------------------------------------------ */

/*
 * The signal handler restores the terminal and lets the signal take its
 * default course (so the shell sees "terminated by SIGTERM"). It needs no
 * state of its own: endwin() works on ncurses' current screen, and is a
 * harmless ERR when curses mode is already over.
 */
static void wm_restore_terminal_and_reraise(int sig) {
    endwin();
    raise(sig); /* SA_RESETHAND made the disposition default again. */
}

/** Installs terminal-restoring handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT. */
static inline void wm_install_restore_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = wm_restore_terminal_and_reraise;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
}

/** Puts SIGINT, SIGTERM, SIGHUP and SIGQUIT back to their default actions. */
static inline void wm_remove_restore_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
}

#endif /* WAYMARK_CNCURSES_SHIM_H */
