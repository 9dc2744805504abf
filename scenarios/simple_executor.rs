// The first task the blog runs on its own executor. `async_number` never waits for anything,
// so awaiting it finishes at once and the whole task completes in a single poll.

async fn async_number() -> u32 {
    42
}

async fn example_task() {
    let number = async_number().await; // @state WaitingOnAsyncNumber
    println!("async number: {}", number);
}
