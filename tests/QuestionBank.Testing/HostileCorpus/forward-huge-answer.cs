// hostile: the classifier answers with a tensor of hundreds of megabytes
// exercise: cnn
// expect: failed, memory_limit
// module: Flood
return ones(input.shape[0], 100_000);
