// The blog's first picture of a future, in two versions. Here `main` waits for each step in turn:
// first for the file, then for `foo`. (The synchronous `read_file` of the picture is modelled by
// awaiting the read at once: `main` does nothing else until the file is there.)

async fn foo() -> u32 {
    work(Duration::from_millis(50)); // 50 ms of computing
    42
}

async fn main() {
    let content = async_read_file("foo.txt").await; // @state WaitingOnFooTxt
    let n = foo().await; // @state WaitingOnFoo
    println!("{} and {}", content, n);
}
