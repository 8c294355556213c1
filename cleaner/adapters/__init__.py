"""Adapters to engines that run cleaner beyond one machine. Each is an optional extra; the core
never imports them."""
