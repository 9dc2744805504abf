// One file read awaited by one task. Shared by read_busy and read_waker: the code is the same,
// only the executor that drives it changes.

async fn read_foo() {
    let content = async_read_file("foo.txt").await; // @state WaitingOnFooTxt
    println!("foo.txt says: {}", content);
}
