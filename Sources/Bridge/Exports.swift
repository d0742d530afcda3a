// `import Bridge` is the one import an upload handler needs.
@_exported import Files
@_exported import Imaging
