"""matplotlib charts embedded in the window; imported only when a chart is first shown."""
