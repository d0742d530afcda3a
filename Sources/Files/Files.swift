// Placeholder replaced by the Files module.
