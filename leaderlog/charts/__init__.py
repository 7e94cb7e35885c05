"""Chart figures on plain matplotlib Figures (no Qt): shared by the window and the headless review pack.

matplotlib is imported inside the builders, so importing this package stays cheap.
"""
