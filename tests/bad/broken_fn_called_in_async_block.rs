// A call of a function whose header did not parse, inside an async block: neither the block nor
// the function around it is lowered.
async fn main() {
    let fut = async {
        g(1)
    };
    fut.await;
}

fn g -> u32 {
    1
}
