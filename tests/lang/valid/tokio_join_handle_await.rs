// tokio::spawn returns the task's JoinHandle; awaiting it gives `Ok(output)`. `early` finishes
// while main sleeps, so its handle is Ready at the first poll; main awaits `late` while it still
// sleeps, so main waits until the task finishes and wakes it. A handle never awaited detaches.
async fn main() {
    let early = tokio::spawn(async {
        println!("early runs");
        21
    });
    let late = tokio::spawn(async {
        sleep(Duration::from_millis(50)).await;
        println!("late done");
        String::from("late value")
    });
    tokio::spawn(async {
        println!("detached runs");
    });
    sleep(Duration::from_millis(10)).await;
    let n = early.await.unwrap();
    println!("early gave {}", n * 2);
    let s = late.await.unwrap();
    println!("late gave {}", s);
}
