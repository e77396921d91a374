// hostile: a forward that returns a tensor of rank 600,000 (one element), so that a shape error quoting the shape would be megabytes long
// exercise: cnn
// expect: failed
// module: Towering
var sizes = new long[600_000];
Array.Fill(sizes, 1L);
return zeros(1).reshape(sizes);
