// An async fn's result cannot borrow one of its own locals either.
async fn pick(prefix: &String) -> &String {
    let made = format!("{}!", prefix);
    sleep(Duration::from_millis(1)).await;
    &made
}

async fn main() {
    let p = String::from("p");
    println!("{}", pick(&p).await);
}
