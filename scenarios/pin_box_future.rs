// A future may move before its first poll: here it moves twice (into `moved`, then into a
// Box::pin on the heap) while still in its Start state, and only then is it polled, in place.

async fn pin_example() -> i32 {
    let array = [1, 2, 3];
    let element = &array[2];
    async_write_file("foo.txt", element.to_string()).await; // @state WaitingOnWrite
    *element
}

async fn main() {
    let fut = pin_example();
    let moved = fut;
    let pinned = Box::pin(moved);
    let value = pinned.await;
    println!("{}", value);
}
