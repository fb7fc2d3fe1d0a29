using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace AcrGeo.Tests
{
    /// <summary>
    /// Reads the pixels of an 8-bit RGB or RGBA PNG (what headless Chromium writes for a screenshot): the IDAT data
    /// inflated and each scanline unfiltered, so the region-map test can look at the colour at a point.
    /// </summary>
    public sealed class PngPixels
    {
        readonly byte[] pixels;
        readonly int channels;

        public int Width { get; }
        public int Height { get; }

        public PngPixels(string path)
        {
            var data = File.ReadAllBytes(path);
            var idat = new MemoryStream();
            int depth = 0, colourType = 0;
            for (var at = 8; at < data.Length;)
            {
                var length = (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
                var type = Encoding.ASCII.GetString(data, at + 4, 4);
                if (type == "IHDR")
                {
                    Width = (data[at + 8] << 24) | (data[at + 9] << 16) | (data[at + 10] << 8) | data[at + 11];
                    Height = (data[at + 12] << 24) | (data[at + 13] << 16) | (data[at + 14] << 8) | data[at + 15];
                    depth = data[at + 16];
                    colourType = data[at + 17];
                }
                else if (type == "IDAT") idat.Write(data, at + 8, length);
                at += 12 + length;
            }
            if (depth != 8 || (colourType != 2 && colourType != 6))
                throw new InvalidDataException($"{path}: only 8-bit RGB or RGBA PNGs are read (depth {depth}, colour type {colourType}).");
            channels = colourType == 6 ? 4 : 3;
            idat.Position = 0;
            var raw = new MemoryStream();
            using (var inflate = new ZLibStream(idat, CompressionMode.Decompress)) inflate.CopyTo(raw);
            var bytes = raw.ToArray();
            var stride = Width * channels;
            pixels = new byte[stride * Height];
            for (var y = 0; y < Height; y++)
            {
                var filter = bytes[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    int value = bytes[y * (stride + 1) + 1 + x];
                    int left = x >= channels ? pixels[y * stride + x - channels] : 0;
                    int up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                    int corner = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                    pixels[y * stride + x] = (byte)(filter switch
                    {
                        1 => value + left,
                        2 => value + up,
                        3 => value + (left + up) / 2,
                        4 => value + Paeth(left, up, corner),
                        _ => value,
                    });
                }
            }
        }

        static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        /// <summary>The colour at a pixel as #RRGGBB.</summary>
        public string ColourAt(int x, int y)
        {
            var at = (y * Width + x) * channels;
            return $"#{pixels[at]:X2}{pixels[at + 1]:X2}{pixels[at + 2]:X2}";
        }
    }
}
