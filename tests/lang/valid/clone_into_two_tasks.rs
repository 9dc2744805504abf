// Each task gets its own clone.
async fn main() {
    let base = String::from("job");
    let a = base.clone();
    let b = base.clone();
    spawn(async move {
        println!("{} a", a);
    });
    spawn(async move {
        println!("{} b", b);
    });
    sleep(Duration::from_millis(1)).await;
    println!("{}", base);
}
