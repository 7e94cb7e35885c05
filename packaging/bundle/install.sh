#!/bin/sh
# Add LeaderLog to your desktop's application menu and put `leaderlog` on your PATH.
#   ./install.sh           for you only (~/.local/share, ~/.local/bin)
#   sudo ./install.sh --system    for everyone (/usr/local/share, /usr/local/bin)
# The bundle stays in this folder: move the folder first, then run this (again).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app="$here/leaderlog"
if [ "${1:-}" = "--system" ]; then
    "$app" desktop-install
    bindir=/usr/local/bin
else
    "$app" desktop-install --user
    bindir="$HOME/.local/bin"
fi
mkdir -p "$bindir"
ln -sf "$app" "$bindir/leaderlog"
echo "Linked $bindir/leaderlog -> $app"
case ":$PATH:" in
    *":$bindir:"*) ;;
    *) echo "Note: $bindir is not on your PATH; open a new terminal or add it to use 'leaderlog' there." ;;
esac
