"""Desktop integration without Qt: menu entry, icons and AppStream metainfo in the XDG folders."""
