// A future that holds a reference into itself: `element` points at the last item of `array`,
// and both live in the same waiting state while the write is in flight.

async fn pin_example() -> i32 {
    let array = [1, 2, 3];
    let element = &array[2];
    async_write_file("foo.txt", element.to_string()).await; // @state WaitingOnWrite
    *element
}

async fn main() {
    let value = pin_example().await;
    println!("{}", value);
}
