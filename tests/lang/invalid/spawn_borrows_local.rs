// The task may outlive `main`'s frame, but the async block only borrows `name`.
async fn main() {
    let name = String::from("worker");
    spawn(async {
        println!("{}", name);
    });
    sleep(Duration::from_millis(10)).await;
}
