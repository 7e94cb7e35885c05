#!/bin/sh
# Remove LeaderLog's menu entry, icons and `leaderlog` link. Your journal is kept:
# `leaderlog where` shows where it is. Then delete this folder to remove the app.
#   ./uninstall.sh  |  sudo ./uninstall.sh --system
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app="$here/leaderlog"
if [ "${1:-}" = "--system" ]; then
    "$app" desktop-uninstall
    link=/usr/local/bin/leaderlog
else
    "$app" desktop-uninstall --user
    link="$HOME/.local/bin/leaderlog"
fi
# only our own link, never another leaderlog (a pip install) of the same name
if [ -L "$link" ] && [ "$(readlink "$link")" = "$app" ]; then
    rm "$link"
    echo "Removed $link"
fi
echo "To remove the app itself, delete $here"
