using System.Buffers.Binary;
using System.Xml.Linq;

namespace Superposition.Reports.Tests;

/// <summary>Independent checks of image files: PNG signature and IHDR size, SVG as XML.</summary>
internal static class Images
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void AssertPng(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 2000, $"PNG of {png.Length} bytes is too small to hold a plot.");
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static XDocument AssertSvg(string svg, int width, int height)
    {
        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", document.Root!.Name);
        Assert.Equal(width.ToString(System.Globalization.CultureInfo.InvariantCulture), document.Root.Attribute("width")!.Value);
        Assert.Equal(height.ToString(System.Globalization.CultureInfo.InvariantCulture), document.Root.Attribute("height")!.Value);
        Assert.True(document.Descendants(ns + "path").Count() > 10, "An SVG plot should hold axes, grid and data paths.");
        return document;
    }
}
