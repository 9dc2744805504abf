// The reference lives in an inner block, inside the value's scope.
async fn main() {
    let x = 5;
    {
        let r = &x;
        println!("{}", r);
    }
    println!("{}", x);
}
