@_exported import Files
@_exported import Imaging
