// Each iteration moves its own clone into a new task.
async fn main() {
    let base = String::from("task");
    for i in 0..3 {
        let name = format!("{} {}", base, i);
        spawn(async move {
            sleep(Duration::from_millis(5)).await;
            println!("{}", name);
        });
    }
    sleep(Duration::from_millis(10)).await;
    println!("{}", base);
}
