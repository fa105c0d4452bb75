# bash completion for fuyuan(1)                        -*- shell-script -*-
# SPDX-License-Identifier: MIT
#
# Installed as $(PREFIX)/share/bash-completion/completions/fuyuan; to try
# it from the source tree: `. completion/fuyuan.bash`.
#
# Commands, the options of each command, and the values of --metric and
# --by (metric and dimension ids and Chinese names, comma-separated lists),
# --where (DIM=), --compare, --format, --encoding, and files and folders.
# Everything the program knows is asked of the program being completed
# (`fuyuan --help`, `fuyuan CMD --help`, `fuyuan metrics --format csv`,
# `fuyuan dimensions --format csv`), once per program per shell, so the
# completion never lists a metric or an option the program does not have.
# Needs nothing from the bash-completion package.

# _fuyuan_get PROG KEY ARGS...: _fuyuan_out = what `PROG ARGS...` prints
# (messages in English), kept in _fuyuan_cache_KEY for that program as
# long as it is not rebuilt. Not to be run in a subshell (a pipe), or the
# cache is lost.
_fuyuan_get()
{
    local prog=$1 key=$2 stamp p v
    shift 2
    stamp=$prog:$(stat -c %Y -- "$prog" 2>/dev/null)
    p=_fuyuan_cachefor_$key
    v=_fuyuan_cache_$key
    if [[ ${!p-} != "$stamp" ]]; then
        printf -v "$v" '%s' "$(LC_ALL=C.UTF-8 LANGUAGE= "$prog" "$@" 2>/dev/null)"
        printf -v "$p" '%s' "$stamp"
    fi
    _fuyuan_out=${!v}
}

# _fuyuan_commands PROG: _fuyuan_words_ = the commands of `fuyuan --help`
_fuyuan_commands()
{
    _fuyuan_get "$1" commands --help
    mapfile -t _fuyuan_words_ < <(awk '/^Commands:/ { c = 1; next }
        c && /^$/ { exit } c && /^  [a-z]/ { print $1 }' <<<"$_fuyuan_out")
}

# _fuyuan_options PROG CMD: _fuyuan_words_ = the options of `fuyuan CMD
# --help` (from its lines that start with spaces and a dash)
_fuyuan_options()
{
    _fuyuan_get "$1" "opts_${2//[^a-z]/_}" "$2" --help
    mapfile -t _fuyuan_words_ < <(grep -E '^ +-' <<<"$_fuyuan_out" |
        grep -oE '(^|[ |,])--?[a-z][a-z-]*' | sed 's/^[ |,]*//' | sort -u)
}

# _fuyuan_names PROG metrics|dimensions: _fuyuan_words_ = every id and
# Chinese name (the first two columns of `fuyuan metrics --format csv`)
_fuyuan_names()
{
    _fuyuan_get "$1" "$2" "$2" --format csv
    mapfile -t _fuyuan_words_ < <(awk -F, 'NR > 1 && $1 != "" {
        print $1; if ($2 != "") print $2 }' <<<"$_fuyuan_out")
}

# _fuyuan_split: COMP_WORDS with the words that bash split at ':' and '='
# (COMP_WORDBREAKS) joined again, into _fuyuan_w; _fuyuan_cw is the
# current word's index in it
_fuyuan_split()
{
    local i w join=0
    _fuyuan_w=()
    _fuyuan_cw=0
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        if ((i > 0)) && [[ $w =~ ^[:=]+$ ]]; then
            _fuyuan_w[${#_fuyuan_w[@]} - 1]+=$w
            join=1
        elif ((join)); then
            _fuyuan_w[${#_fuyuan_w[@]} - 1]+=$w
            join=0
        else
            _fuyuan_w+=("$w")
        fi
        ((i == COMP_CWORD)) && _fuyuan_cw=$((${#_fuyuan_w[@]} - 1))
    done
}

# _fuyuan_reply CUR WORD...: COMPREPLY = the WORDs that start with CUR,
# less the part of CUR that bash holds as other words (up to its last ':'
# or '=', when COMP_WORDBREAKS has it)
_fuyuan_reply()
{
    local cur=$1 w breaks="" head=""
    shift
    [[ $COMP_WORDBREAKS == *:* ]] && breaks+=:
    [[ $COMP_WORDBREAKS == *=* ]] && breaks+==
    [[ -n $breaks && $cur == *["$breaks"]* ]] &&
        head=${cur%"${cur##*["$breaks"]}"}
    COMPREPLY=()
    for w in "$@"; do
        [[ $w == "$cur"* ]] && COMPREPLY+=("${w#"$head"}")
    done
}

# _fuyuan_files CUR [GLOB]: COMPREPLY = the folders and the files
# (matching GLOB) that start with CUR
_fuyuan_files()
{
    local IFS=$'\n'
    if [[ -n ${2-} ]]; then
        COMPREPLY=($(compgen -d -- "$1"; compgen -f -X "!$2" -- "$1"))
    else
        COMPREPLY=($(compgen -d -- "$1"; compgen -f -- "$1"))
    fi
    COMPREPLY=($(printf '%s\n' "${COMPREPLY[@]}" | awk 'NF && !seen[$0]++'))
    compopt -o filenames 2>/dev/null
    return 0
}

_fuyuan()
{
    local prog cmd cur prev opt val pre="" w
    local -a _fuyuan_w _fuyuan_words_ all
    local _fuyuan_cw _fuyuan_out
    _fuyuan_split
    cur=${_fuyuan_w[_fuyuan_cw]}
    prev=""
    ((_fuyuan_cw > 0)) && prev=${_fuyuan_w[_fuyuan_cw - 1]}
    COMPREPLY=()
    # the program being completed (./fuyuan, ~/bin/fuyuan, fuyuan)
    prog=${_fuyuan_w[0]}
    [[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
    prog=$(type -P -- "$prog" 2>/dev/null) || return 0
    [[ $prog == /* ]] || prog=$PWD/$prog

    if ((_fuyuan_cw == 1)); then
        if [[ $cur == -* ]]; then
            _fuyuan_reply "$cur" --help --version
        else
            _fuyuan_commands "$prog"
            _fuyuan_reply "$cur" "${_fuyuan_words_[@]}"
        fi
        return 0
    fi
    cmd=${_fuyuan_w[1]}

    # the value of an option: --opt VALUE, or --opt=VALUE
    opt="" val=$cur
    if [[ $cur == --*=* ]]; then
        opt=${cur%%=*} val=${cur#*=} pre=$opt=
    elif [[ $prev == -* ]]; then
        opt=$prev
    fi
    _fuyuan_words_=()
    case $opt in
    --metric | --by)
        # a comma-separated list: complete its last item
        if [[ $opt == --metric ]]; then _fuyuan_names "$prog" metrics
        else _fuyuan_names "$prog" dimensions; fi
        [[ $val == *,* ]] && pre+=${val%,*},
        all=()
        for w in "${_fuyuan_words_[@]}"; do all+=("$pre$w"); done
        _fuyuan_reply "$cur" "${all[@]}"
        return 0 ;;
    --where)
        # DIM=VALUE: the dimension, by id or name (the values are the data's)
        if [[ $val != *=* ]]; then
            _fuyuan_names "$prog" dimensions
            all=()
            for w in "${_fuyuan_words_[@]}"; do all+=("$pre$w="); done
            _fuyuan_reply "$cur" "${all[@]}"
            compopt -o nospace 2>/dev/null
        fi
        return 0 ;;
    --compare) _fuyuan_words_=(yoy prev) ;;
    --format)
        if [[ $cmd == query ]]; then _fuyuan_words_=(table csv json xlsx)
        else _fuyuan_words_=(table csv json); fi ;;
    --encoding) _fuyuan_words_=(utf-8 gb18030) ;;
    --profile) [[ -z $pre ]] && _fuyuan_files "$cur" '*.ini'; return 0 ;;
    --courts | --rules | --typical-cases)
        [[ -z $pre ]] && _fuyuan_files "$cur" '*.csv'; return 0 ;;
    -o | --output | --previous)
        if [[ -n $pre ]]; then :
        elif [[ $cmd == query ]]; then _fuyuan_files "$cur"
        else
            local IFS=$'\n'
            COMPREPLY=($(compgen -d -- "$cur"))
            compopt -o filenames 2>/dev/null
        fi
        return 0 ;;
    --year | --quarter | --month | --from | --to | --as-of | --feedback-days \
        | --jobs)
        return 0 ;;
    *) opt="" ;;
    esac
    if [[ -n $opt ]]; then
        all=()
        for w in "${_fuyuan_words_[@]}"; do all+=("$pre$w"); done
        _fuyuan_reply "$cur" "${all[@]}"
        return 0
    fi

    if [[ $cur == -* ]]; then
        _fuyuan_options "$prog" "$cmd"
        _fuyuan_reply "$cur" "${_fuyuan_words_[@]}"
        return 0
    fi
    # DATA: CSV files and folders (metrics and dimensions read none)
    case $cmd in
    metrics | dimensions) ;;
    *) _fuyuan_files "$cur" '*.[cC][sS][vV]' ;;
    esac
    return 0
} &&
    complete -F _fuyuan fuyuan
