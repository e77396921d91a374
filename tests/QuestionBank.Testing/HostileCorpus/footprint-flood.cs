// hostile: stores as much as a run can: 20,000 progress steps of 16 metrics with 64-character names, 16 images of 2 MB and more, and a flood of output
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var names = Enumerable.Range(0, 16).Select(i => i.ToString("D2") + new string('m', 62)).ToArray();
        for (var step = 0; step < 20_000; step++)
        {
            ctx.Report(step, names.Select(name => (name, (double)step)).ToArray());
        }
        var png = new byte[2 * 1024 * 1024 - 64];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        var small = png[..(900 * 1024)];
        for (var i = 0; i < 20; i++)
        {
            ctx.ReportImage($"big{i}.png", png);
            ctx.ReportImage($"small{i}.png", small);
        }
        var line = new string('o', 1000);
        for (var i = 0; i < 10_000; i++)
        {
            Console.WriteLine(line);
        }
    }
}
