// Moving a pinned future out of its Box::pin: a pin only hands out references.
async fn pin_example() -> i32 {
    let array = [1, 2, 3];
    let element = &array[2];
    async_write_file("foo.txt", element.to_string()).await;
    *element
}

async fn main() {
    let pinned = Box::pin(pin_example());
    let moved = *pinned;
    println!("{}", moved.await);
}
