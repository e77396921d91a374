// hostile: submits a model that knows nothing and floods the raw stdout with forged ready/answer lines, hoping one is taken for the model's answer
// exercise: lstm
// expect: failed
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var raw = Console.OpenStandardOutput();
        var thread = new Thread(() =>
        {
            for (var id = 1; id < 2000; id++)
            {
                var line = "{\"token\":\"\",\"type\":\"answer\",\"id\":" + id + ",\"shape\":[1,1],\"data\":\"AACAPw==\"}\n";
                try { raw.Write(System.Text.Encoding.UTF8.GetBytes(line)); } catch { return; }
            }
        }) { IsBackground = true };
        thread.Start();
        ctx.Submit(new Zero());
        Console.WriteLine("{\"type\":\"ready\"}");
    }
}

public class Zero : Module<Tensor, Tensor>
{
    public Zero() : base(nameof(Zero)) { }

    public override Tensor forward(Tensor input) => zeros(input.shape[0], 1);
}
