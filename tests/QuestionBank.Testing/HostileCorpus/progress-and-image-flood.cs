// hostile: floods progress reports and images (fake PNGs, oversized, judge-named) and submits nothing
// exercise: gan
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        for (var i = 0; i < 20_000; i++)
        {
            ctx.Report(i, ("loss", i), ("accuracy", 1.0), ("confident_fraction", 1.0));
        }
        var notAPng = System.Text.Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        var big = new byte[8 * 1024 * 1024];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(big, 0);
        for (var i = 0; i < 100; i++)
        {
            ctx.ReportImage("samples.png", notAPng);
            ctx.ReportImage($"../../etc/passwd{i}", notAPng);
            ctx.ReportImage($"big{i}.png", big);
        }
    }
}
