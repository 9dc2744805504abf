// The line `async fn main() {` was deleted by mistake.
    spawn(async {
        println!("hello");
    });
    spawn(async {
        println!("world");
    });
}
