// hostile: the classifier answers with a tensor of hundreds of megabytes
// exercise: cnn
// expect: failed, memory_limit
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Flood());
}

public class Flood : Module<Tensor, Tensor>
{
    public Flood() : base(nameof(Flood)) { }

    public override Tensor forward(Tensor input) => ones(input.shape[0], 100_000);
}
